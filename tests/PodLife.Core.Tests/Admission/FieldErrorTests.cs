using PodLife.Core.Admission;

namespace PodLife.Core.Tests.Admission;

// Expected texts follow k8s.io/apimachinery/pkg/util/validation/field/errors.go (Error, ErrorBody) and its errors_test.go.
public class FieldErrorTests
{
    static readonly FieldPath Image = FieldPath.Root("spec").Child("containers").Index(0).Child("image");

    [Fact]
    public void PathsPrintChildrenIndexesAndKeysLikeGo() =>
        Assert.Equal("spec.containers[0].resources.limits[cpu]",
            FieldPath.Root("spec", "containers").Index(0).Child("resources", "limits").Key("cpu").ToString());

    [Fact]
    public void RequiredPrintsNoValue() =>
        Assert.Equal("spec.containers[0].image: Required value", FieldError.Required(Image).ToString());

    [Fact]
    public void RequiredWithDetailAppendsIt() =>
        Assert.Equal("metadata.name: Required value: name or generateName is required",
            FieldError.Required(FieldPath.Root("metadata", "name"), "name or generateName is required").ToString());

    [Fact]
    public void InvalidQuotesStringValuesLikeGoPercentQ() =>
        Assert.Equal("metadata.name: Invalid value: \"a\\\"b\\n\\tc\": bad",
            FieldError.Invalid(FieldPath.Root("metadata", "name"), "a\"b\n\tc", "bad").ToString());

    [Fact]
    public void InvalidPrintsNumbersAndBooleansBare()
    {
        Assert.Equal("p: Invalid value: 70000: must be between 1 and 65535, inclusive",
            FieldError.Invalid(FieldPath.Root("p"), 70000, "must be between 1 and 65535, inclusive").ToString());
        Assert.Equal("p: Invalid value: true: no", FieldError.Invalid(FieldPath.Root("p"), true, "no").ToString());
        Assert.Equal("p: Invalid value: null: no", FieldError.Invalid(FieldPath.Root("p"), null, "no").ToString());
    }

    [Fact]
    public void NotSupportedListsTheQuotedValidValues() =>
        Assert.Equal("spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
            FieldError.NotSupported(FieldPath.Root("spec", "restartPolicy"), "Sometimes", ["Always", "OnFailure", "Never"]).ToString());

    [Fact]
    public void ForbiddenTooLongAndDuplicateReadLikeKubeApiserver()
    {
        Assert.Equal("spec: Forbidden: nope", FieldError.Forbidden(FieldPath.Root("spec"), "nope").ToString());
        Assert.Equal("metadata.annotations: Too long: must have at most 262144 bytes",
            FieldError.TooLong(FieldPath.Root("metadata", "annotations"), 262144).ToString());
        Assert.Equal("spec.containers[1].name: Duplicate value: \"web\"",
            FieldError.Duplicate(FieldPath.Root("spec", "containers").Index(1).Child("name"), "web").ToString());
        Assert.Equal("items: Too many: 5: must have at most 3 items", FieldError.TooMany(FieldPath.Root("items"), 5, 3).ToString());
        Assert.Equal("items: Too many: has too many items", FieldError.TooMany(FieldPath.Root("items"), -1, -1).ToString());
    }

    [Theory]
    [InlineData("FieldValueRequired", "Required value")]
    [InlineData("FieldValueInvalid", "Invalid value")]
    [InlineData("FieldValueNotSupported", "Unsupported value")]
    [InlineData("FieldValueForbidden", "Forbidden")]
    [InlineData("FieldValueDuplicate", "Duplicate value")]
    [InlineData("FieldValueTooLong", "Too long")]
    [InlineData("FieldValueTooMany", "Too many")]
    [InlineData("FieldValueNotFound", "Not found")]
    [InlineData("InternalError", "Internal error")]
    public void EveryTypeHasItsCauseReasonAndTitle(string reason, string title)
    {
        var types = new[] { FieldErrorType.Required, FieldErrorType.Invalid, FieldErrorType.NotSupported, FieldErrorType.Forbidden,
            FieldErrorType.Duplicate, FieldErrorType.TooLong, FieldErrorType.TooMany, FieldErrorType.NotFound, FieldErrorType.Internal };
        Assert.Equal(title, Assert.Single(types, t => t.Reason == reason).Title);
    }
}

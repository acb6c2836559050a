using PodLife.Core.Admission;

namespace PodLife.Core.Tests.Admission;

// Shapes from k8s.io/apimachinery/pkg/api/errors NewInvalid and util/errors Aggregate.
public class ValidationResultTests
{
    static readonly FieldError MissingImage = FieldError.Required(FieldPath.Root("spec", "containers").Index(0).Child("image"));
    static readonly FieldError BadPolicy = FieldError.NotSupported(FieldPath.Root("spec", "restartPolicy"), "x", ["Always"]);

    [Fact]
    public void OneErrorIsTheWholeMessage() =>
        Assert.Equal("Pod \"x\" is invalid: spec.containers[0].image: Required value",
            new ValidationResult([MissingImage]).Message("Pod", "x"));

    [Fact]
    public void SeveralErrorsAreBracketedAndRepeatsDropped() =>
        Assert.Equal("Pod \"x\" is invalid: [spec.containers[0].image: Required value, spec.restartPolicy: Unsupported value: \"x\": supported values: \"Always\"]",
            new ValidationResult([MissingImage, BadPolicy, MissingImage]).Message("Pod", "x"));

    [Fact]
    public void GroupedKindsCarryTheirGroup() =>
        Assert.Equal("Lease.coordination.k8s.io \"n\" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
            KindValidation.Lease(new k8s.Models.V1Lease
            {
                Metadata = new() { Name = "n", NamespaceProperty = "kube-node-lease" },
                Spec = new() { LeaseDurationSeconds = 0 },
            }).Message("Lease", "n", "coordination.k8s.io"));

    [Fact]
    public void TheStatusIs422InvalidWithOneCausePerError()
    {
        var status = new ValidationResult([MissingImage, BadPolicy]).ToStatus("Pod", "x");
        Assert.Equal(("Failure", 422, "Invalid"), (status.Status, status.Code ?? 0, status.Reason));
        Assert.Equal(("Pod", "x"), (status.Details.Kind, status.Details.Name));
        Assert.Null(status.Details.Group);
        Assert.Collection(status.Details.Causes,
            c => Assert.Equal(("FieldValueRequired", "Required value", "spec.containers[0].image"), (c.Reason, c.Message, c.Field)),
            c => Assert.Equal(("FieldValueNotSupported", "Unsupported value: \"x\": supported values: \"Always\"", "spec.restartPolicy"), (c.Reason, c.Message, c.Field)));
    }

    [Fact]
    public void AValidResultHasNoErrors() => Assert.True(ValidationResult.Valid.IsValid);
}

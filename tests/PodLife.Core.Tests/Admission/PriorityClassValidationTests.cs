using k8s.Models;
using PodLife.Core.Admission;

namespace PodLife.Core.Tests.Admission;

// Rules from pkg/apis/scheduling/validation/validation.go (ValidatePriorityClass, ValidatePriorityClassUpdate),
// pkg/apis/scheduling/v1/helpers.go (IsKnownSystemPriorityClass) and v1/defaults.go.
public class PriorityClassValidationTests
{
    static V1PriorityClass Class(string name, int value, bool? globalDefault = null, string? policy = "PreemptLowerPriority") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, ResourceVersion = "1" },
        Value = value,
        GlobalDefault = globalDefault,
        PreemptionPolicy = policy,
    };

    static List<string> Errors(V1PriorityClass pc, V1PriorityClass? old = null) =>
        PriorityClassValidation.Validate(pc, old).Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void AUserClassUpToOneBillionIsValid()
    {
        Assert.Empty(Errors(Class("high", 1_000_000_000)));
        Assert.Empty(Errors(Class("negative", -5)));
    }

    [Fact]
    public void AUserClassAboveOneBillionIsForbidden() =>
        Assert.Equal(["value: Forbidden: maximum allowed value of a user defined priority is 1000000000"], Errors(Class("huge", 1_000_000_001)));

    [Theory]
    [InlineData("system-custom", 5, false, "system-custom is not a known system priority class")]
    [InlineData("system-node-critical", 5, false, "value of system-node-critical PriorityClass must be 2000001000")]
    [InlineData("system-cluster-critical", 2000000000, true, "globalDefault of system-cluster-critical PriorityClass must be false")]
    public void TheSystemPrefixIsReserved(string name, int value, bool globalDefault, string why) =>
        Assert.Equal([$"metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: {why}"],
            Errors(Class(name, value, globalDefault)));

    [Fact]
    public void TheBuiltInClassesAreValid() =>
        Assert.All(SystemPriorityClasses.All(), pc => Assert.Empty(Errors(pc)));

    [Fact]
    public void TheBuiltInClassesHaveKubernetesValues() =>
        Assert.Equal(["system-node-critical=2000001000", "system-cluster-critical=2000000000"],
            SystemPriorityClasses.All().Select(pc => $"{pc.Metadata.Name}={pc.Value}"));

    [Theory]
    [InlineData("Sometimes", "preemptionPolicy: Unsupported value: \"Sometimes\": supported values: \"PreemptLowerPriority\", \"Never\"")]
    [InlineData("", "preemptionPolicy: Required value")]
    public void ThePreemptionPolicyIsLowerPriorityOrNever(string policy, string error) =>
        Assert.Equal([error], Errors(Class("p", 1, policy: policy)));

    [Fact]
    public void AClassWithoutPreemptionPolicyPreemptsLowerPriorities() =>
        Assert.Equal("PreemptLowerPriority", PriorityClassDefaults.Apply(Class("p", 1, policy: null)).PreemptionPolicy);

    [Fact]
    public void ValueAndPreemptionPolicyCannotChangeButTheDescriptionCan()
    {
        var old = Class("p", 10);
        Assert.Empty(Errors(new V1PriorityClass { Metadata = old.Metadata, Value = 10, PreemptionPolicy = "PreemptLowerPriority", Description = "new" }, old));
        Assert.Equal(["value: Forbidden: may not be changed in an update."], Errors(Class("p", 11), old));
        Assert.Equal(["preemptionPolicy: Invalid value: \"Never\": field is immutable"], Errors(Class("p", 10, policy: "Never"), old));
    }

    [Fact]
    public void NamesAreDnsSubdomains() =>
        Assert.Contains(Errors(Class("Not_Valid", 1)), e => e.StartsWith("metadata.name: Invalid value: \"Not_Valid\"", StringComparison.Ordinal));
}

using k8s.Models;
using PodLife.Core.Admission;

namespace PodLife.Core.Tests.Admission;

// Rules from plugin/pkg/admission/priority/admission.go (admitPod, validatePriorityClass, getDefaultPriorityClass).
public class PriorityAdmissionTests
{
    static V1PriorityClass Class(string name, int value, bool globalDefault = false, string policy = "PreemptLowerPriority") => new()
    {
        Metadata = new V1ObjectMeta { Name = name }, Value = value, GlobalDefault = globalDefault, PreemptionPolicy = policy,
    };

    [Fact]
    public void APodWithoutAClassAndNoDefaultGetsPriorityZeroAndPreemptsLowerPriorities() =>
        Assert.Equal((new PodPriority("", 0, "PreemptLowerPriority"), null), PriorityAdmission.Admit(null, null, null, null));

    [Fact]
    public void APodWithoutAClassGetsTheGlobalDefaultClassAndItsName() =>
        Assert.Equal((new PodPriority("batch", 50, "Never"), null), PriorityAdmission.Admit("", null, null, Class("batch", 50, true, "Never")));

    [Fact]
    public void ANamedClassGivesItsValueAndPolicy() =>
        Assert.Equal((new PodPriority("system-node-critical", 2000001000, "PreemptLowerPriority"), null),
            PriorityAdmission.Admit("system-node-critical", null, null, SystemPriorityClasses.All()[0]));

    [Fact]
    public void AnUnknownClassIsForbidden() =>
        Assert.Equal((null, "no PriorityClass with name foo was found"), PriorityAdmission.Admit("foo", null, null, null));

    [Fact]
    public void APriorityThatDiffersFromTheClassIsForbidden() =>
        Assert.Equal("the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name",
            PriorityAdmission.Admit(null, 7, null, null).Forbidden);

    [Fact]
    public void APriorityEqualToTheComputedOneIsAccepted() =>
        Assert.Equal(100, PriorityAdmission.Admit("high", 100, null, Class("high", 100)).Priority?.Priority);

    [Fact]
    public void APreemptionPolicyThatDiffersFromTheClassIsForbidden() =>
        Assert.Equal("the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name",
            PriorityAdmission.Admit("high", null, "Never", Class("high", 100)).Forbidden);

    [Fact]
    public void WhenARaceLeftTwoDefaultsTheLowerValueWins() =>
        Assert.Equal("low", PriorityAdmission.GlobalDefault([Class("high", 100, true), Class("low", 10, true), Class("none", 1)])?.Metadata.Name);

    [Fact]
    public void OnlyOneClassMayBeTheGlobalDefault()
    {
        var existing = Class("first", 1, true);
        Assert.Equal("PriorityClass first is already marked as default. Only one default can exist",
            PriorityAdmission.CheckGlobalDefault(Class("second", 2, true), existing, update: false));
        Assert.Equal("PriorityClass first is already marked as default. Only one default can exist",
            PriorityAdmission.CheckGlobalDefault(Class("second", 2, true), existing, update: true));
        Assert.Null(PriorityAdmission.CheckGlobalDefault(Class("first", 1, true), existing, update: true));
        Assert.Null(PriorityAdmission.CheckGlobalDefault(Class("second", 2), existing, update: false));
        Assert.Null(PriorityAdmission.CheckGlobalDefault(Class("second", 2, true), null, update: false));
    }
}

using CsCheck;
using PodLife.Core.Admission;

namespace PodLife.Core.Tests.Admission;

// Invariants of admission: kube-apiserver never fails with a 500 on a bad pod, defaulting is a fixed point, and the
// server's own defaults never make a valid pod invalid.
public class AdmissionPropertyTests
{
    [Fact]
    public void ValidationNeverThrowsOnMalformedPods() =>
        Gen.Select(PodGen.Malformed, PodGen.Malformed).Sample((a, b) =>
        {
            _ = PodValidation.ValidateCreate(a).Message("Pod", a.Metadata?.Name);
            _ = PodValidation.ValidateUpdate(a, b).ToStatus("Pod", b.Metadata?.Name);
        }, iter: 300);

    [Fact]
    public void DefaultingMalformedPodsNeverThrowsAndIsIdempotent() =>
        PodGen.Malformed.Sample(pod =>
        {
            var once = PodDefaults.Apply(pod, "aaaaa");
            return Pods.Json(once) == Pods.Json(PodDefaults.Apply(once, "bbbbb"));
        }, iter: 300);

    [Fact]
    public void ADefaultedValidPodIsValid() =>
        PodGen.Valid.Sample(pod =>
        {
            var errors = PodValidation.ValidateCreate(PodDefaults.Apply(pod, "x7k2p")).Errors;
            return errors.Count == 0;
        }, iter: 300);

    [Fact]
    public void WritingADefaultedPodBackUnchangedIsAValidUpdate() =>
        PodGen.Valid.Sample(pod =>
        {
            var stored = PodDefaults.Apply(pod, "x7k2p");
            stored.Metadata.ResourceVersion = "1";
            return PodValidation.ValidateUpdate(stored, PodDefaults.ApplySchemeDefaults(stored)).IsValid;
        }, iter: 200);

    [Fact]
    public void CanonicalQuantitiesParseBackToTheSameValue() =>
        Gen.Select(Gen.Long[-1_000_000, 1_000_000], Gen.OneOf("", "m", "k", "M", "Ki", "Mi", "Gi", "e3", "e-3", "n", "u"), Gen.Int[0, 3])
            .Sample((mantissa, suffix, decimals) =>
            {
                var text = decimals == 0 ? $"{mantissa}{suffix}" : $"{mantissa}.{new string('5', decimals)}{suffix}";
                var q = Quantity.Parse(text);
                var back = Quantity.Parse(q.ToString());
                // The value survives; the text is stable from the second round on. Not from the first: like Go,
                // "911187.5Ki" prints as the BinarySI integer "933056000", which parses back as DecimalSI "933056k".
                return back.CompareTo(q) == 0 && Quantity.Parse(back.ToString()).ToString() == back.ToString();
            }, iter: 500);
}

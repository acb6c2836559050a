using System.Globalization;
using System.Numerics;

namespace PodLife.Core.Admission;

/// <summary>A Kubernetes resource quantity (k8s.io/apimachinery/pkg/api/resource), exact: <c>Unscaled × 10^Scale</c>.</summary>
/// <remarks>KubernetesClient's ResourceQuantity prints negative values wrongly ("-1" as "-0.000000000000000001E"), so
/// rules parse the string form with this type instead.</remarks>
public sealed record Quantity(BigInteger Unscaled, int Scale, QuantityFormat Format) : IComparable<Quantity>
{
    /// <summary>The error kube-apiserver reports for a string that is not a quantity.</summary>
    public const string FormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    public const string SuffixError = "unable to parse quantity's suffix";

    // Values are clamped to int64 and rounded up to nano units, as Go's ParseQuantity does.
    static readonly BigInteger MaxUnscaled = long.MaxValue;
    const int MinScale = -9;

    public static readonly Quantity Zero = new(BigInteger.Zero, 0, QuantityFormat.DecimalSI);

    public int Sign => Unscaled.Sign;

    public static Quantity Parse(string value) =>
        TryParse(value, out var q, out var error) ? q : throw new FormatException(error);

    public static bool TryParse(string? value, out Quantity quantity, out string error)
    {
        quantity = Zero;
        error = "";
        if (string.IsNullOrEmpty(value)) { error = FormatError; return false; }
        if (!QuantityText.TrySplit(value, out var negative, out var digits, out var fraction, out var suffix)) { error = FormatError; return false; }
        if (!QuantityText.TryInterpretSuffix(suffix, out var format, out var base10Exponent, out var base2Exponent)) { error = SuffixError; return false; }

        var unscaled = BigInteger.Parse("0" + digits + fraction, CultureInfo.InvariantCulture);
        if (negative) unscaled = -unscaled;
        quantity = Normalize(unscaled * BigInteger.Pow(2, base2Exponent), base10Exponent - fraction.Length, format);
        return true;
    }

    public int CompareTo(Quantity? other)
    {
        if (other is null) return 1;
        var scale = Math.Min(Scale, other.Scale);
        return (Unscaled * BigInteger.Pow(10, Scale - scale)).CompareTo(other.Unscaled * BigInteger.Pow(10, other.Scale - scale));
    }

    public Quantity Add(Quantity other)
    {
        var scale = Math.Min(Scale, other.Scale);
        var sum = Unscaled * BigInteger.Pow(10, Scale - scale) + other.Unscaled * BigInteger.Pow(10, other.Scale - scale);
        return Normalize(sum, scale, Format);
    }

    /// <summary>Whether the value is a whole number (Go checks MilliValue() % 1000 == 0).</summary>
    public bool IsInteger => Scale >= 0 || Unscaled % BigInteger.Pow(10, -Scale) == 0;

    /// <summary>The canonical form Go's Quantity.String() prints ("0.5" → "500m", "1.5Gi" → "1536Mi", "1000" → "1k").</summary>
    public override string ToString() => QuantityText.Canonical(this);

    static Quantity Normalize(BigInteger unscaled, int scale, QuantityFormat format)
    {
        if (unscaled.IsZero) return Zero with { Format = format };
        // Very large or small exponents would make BigInteger.Pow explode; they clamp anyway.
        var magnitudeDigits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).Length + scale;
        if (magnitudeDigits > 20) return Clamp(unscaled.Sign, format);
        if (magnitudeDigits < MinScale) return new Quantity(unscaled.Sign, MinScale, format);
        if (scale < MinScale)
        {
            var divisor = BigInteger.Pow(10, MinScale - scale);
            var quotient = BigInteger.DivRem(unscaled, divisor, out var remainder);
            unscaled = remainder.IsZero ? quotient : quotient + unscaled.Sign; // round away from zero
            scale = MinScale;
        }
        var shift = scale > 0 ? BigInteger.Pow(10, scale) : BigInteger.One;
        if (BigInteger.Abs(unscaled * shift) > MaxUnscaled * (scale < 0 ? BigInteger.Pow(10, -scale) : BigInteger.One))
            return Clamp(unscaled.Sign, format);
        while (!unscaled.IsZero && unscaled % 10 == 0) { unscaled /= 10; scale++; }
        return new Quantity(unscaled, scale, format);
    }

    static Quantity Clamp(int sign, QuantityFormat format) => new(sign * MaxUnscaled, 0, format);
}

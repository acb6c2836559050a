using System.Globalization;
using System.Numerics;

namespace PodLife.Core.Admission;

/// <summary>The text side of <see cref="Quantity"/>: splitting a string like Go's parseQuantityString, suffixes, canonical form.</summary>
static class QuantityText
{
    static readonly (string Suffix, int Exponent)[] Decimal =
        [("n", -9), ("u", -6), ("m", -3), ("", 0), ("k", 3), ("M", 6), ("G", 9), ("T", 12), ("P", 15), ("E", 18)];
    static readonly (string Suffix, int Exponent)[] Binary =
        [("Ki", 10), ("Mi", 20), ("Gi", 30), ("Ti", 40), ("Pi", 50), ("Ei", 60)];

    /// <summary>Sign, integer digits, fraction digits and suffix; false when the text has no quantity's shape.</summary>
    public static bool TrySplit(string text, out bool negative, out string digits, out string fraction, out string suffix)
    {
        var pos = 0;
        negative = text[0] == '-';
        if (text[0] is '-' or '+') pos++;
        digits = TakeDigits(text, ref pos);
        fraction = "";
        if (pos < text.Length && text[pos] == '.')
        {
            pos++;
            fraction = TakeDigits(text, ref pos); // Go accepts "1.G"
        }
        var suffixStart = pos;
        while (pos < text.Length && "eEinumkKMGTP".Contains(text[pos])) pos++;
        if (pos < text.Length && text[pos] is '-' or '+') pos++;
        TakeDigits(text, ref pos);
        suffix = text[suffixStart..];
        // Go turns a bare sign into zero; anything left over is malformed.
        return pos == text.Length && (digits.Length + fraction.Length > 0 || suffixStart == text.Length);
    }

    public static bool TryInterpretSuffix(string suffix, out QuantityFormat format, out int base10Exponent, out int base2Exponent)
    {
        base10Exponent = 0;
        base2Exponent = 0;
        format = QuantityFormat.DecimalSI;
        foreach (var (s, e) in Decimal)
            if (s == suffix) { base10Exponent = e; return true; }
        format = QuantityFormat.BinarySI;
        foreach (var (s, e) in Binary)
            if (s == suffix) { base2Exponent = e; return true; }
        format = QuantityFormat.DecimalExponent;
        return suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out base10Exponent)
            && Math.Abs(base10Exponent) < 1000;
    }

    public static string Canonical(Quantity q)
    {
        if (q.Sign == 0) return "0";
        if (q.Format == QuantityFormat.BinarySI && q.IsInteger && BigInteger.Abs(Value(q, 0)) >= 1024)
            return BinaryForm(Value(q, 0));
        // The exponent is a multiple of 3 at or below the scale, so the mantissa is a whole number.
        var exponent = Math.Min(18, q.Scale >= 0 ? q.Scale / 3 * 3 : -((-q.Scale + 2) / 3 * 3));
        var mantissa = Value(q, exponent).ToString(CultureInfo.InvariantCulture);
        if (q.Format == QuantityFormat.DecimalExponent)
            return exponent == 0 ? mantissa : $"{mantissa}e{exponent}";
        return mantissa + Decimal.First(d => d.Exponent == exponent).Suffix;
    }

    static string BinaryForm(BigInteger value)
    {
        var index = -1;
        while (index < Binary.Length - 1 && value % 1024 == 0) { value /= 1024; index++; }
        return value.ToString(CultureInfo.InvariantCulture) + (index < 0 ? "" : Binary[index].Suffix);
    }

    // The quantity as a whole multiple of 10^exponent (exact when exponent <= Scale).
    static BigInteger Value(Quantity q, int exponent) =>
        q.Scale >= exponent ? q.Unscaled * BigInteger.Pow(10, q.Scale - exponent) : q.Unscaled / BigInteger.Pow(10, exponent - q.Scale);

    static string TakeDigits(string text, ref int pos)
    {
        var start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
        return text[start..pos];
    }
}

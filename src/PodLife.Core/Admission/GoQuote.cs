using System.Globalization;
using System.Text;

namespace PodLife.Core.Admission;

/// <summary>Go's strconv.Quote, which field errors use to print string values (%q).</summary>
static class GoQuote
{
    public static string String(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default: AppendRune(sb, rune); break;
            }
        }
        return sb.Append('"').ToString();
    }

    static void AppendRune(StringBuilder sb, Rune rune)
    {
        if (IsPrintable(rune)) sb.Append(rune.ToString());
        else if (rune.Value < 0x80) sb.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
        else if (rune.Value < 0x10000) sb.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
        else sb.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
    }

    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static bool IsPrintable(Rune rune) => rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator => false,
        _ => true,
    };
}

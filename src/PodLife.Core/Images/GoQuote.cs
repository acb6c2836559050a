using System.Globalization;
using System.Text;

namespace PodLife.Core.Images;

// Go's %q (strconv.Quote), which kubelet uses to put image names into messages: printable characters stay,
// quotes and backslashes are escaped, control characters become \n, \t, \x1b, \u00ad and the like.
static class GoQuote
{
    public static string Quote(string value)
    {
        // Most names are printable ASCII without quotes or backslashes: quoted as they are, with no per-character strings.
        if (!value.AsSpan().ContainsAnyExcept(PlainAscii)) return "\"" + value + "\"";
        var text = new StringBuilder("\"");
        foreach (var rune in value.EnumerateRunes())
        {
            text.Append(rune.Value switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\a' => "\\a",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\v' => "\\v",
                < 0x20 or 0x7f => $"\\x{rune.Value:x2}",
                _ when IsPrint(rune) => rune.ToString(),
                < 0x10000 => $"\\u{rune.Value:x4}",
                _ => $"\\U{rune.Value:x8}",
            });
        }
        return text.Append('"').ToString();
    }

    static readonly System.Buffers.SearchValues<char> PlainAscii = System.Buffers.SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static bool IsPrint(Rune rune) => rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator => false,
        _ => true,
    };
}

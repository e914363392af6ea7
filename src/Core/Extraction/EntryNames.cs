using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Turns the bytes of an archive entry name into a string. Distinct byte names must stay distinct
/// strings: a decoder that replaced every bad byte with U+FFFD would make "caf\xE9" and
/// "caf\xE8" one name, a false duplicate.
/// </summary>
internal static class EntryNames
{
    /// <summary>
    /// UTF-8 where the bytes are UTF-8; each byte that is not is written "%XX". .NET names files
    /// with strings, which reach the OS as UTF-8: a byte that is not UTF-8 cannot be kept as it is
    /// on any platform (it would land as U+FFFD, where other such names would collide with it).
    /// </summary>
    public static string Utf8OrEscaped(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var text = new StringBuilder(bytes.Length + 8);
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
            }
            else
            {
                // Byte by byte, so every byte of an invalid sequence is kept.
                consumed = 1;
                text.Append('%').Append(bytes[0].ToString("X2", CultureInfo.InvariantCulture));
            }

            bytes = bytes[consumed..];
        }

        return text.ToString();
    }
}

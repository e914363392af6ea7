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
    // Not Encoding.GetEncoding(437): that needs the code-pages provider registered process-wide,
    // and this code runs inside MSBuild's process. Asking the provider directly changes nothing else.
    private static readonly Encoding Cp437 = CodePagesEncodingProvider.Instance.GetEncoding(437)
        ?? throw new InvalidOperationException("code page 437 is not available");

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

    /// <summary>
    /// Code page 437, the zip specification's charset for names without the UTF-8 flag. One
    /// character per byte, each byte its own character: distinct names stay distinct.
    /// </summary>
    public static string FromCp437(ReadOnlySpan<byte> bytes) => Cp437.GetString(bytes);
}

using System.Text;

namespace Fetch.Build.Core.Extraction;

/// <summary>Zip and 7z store a symbolic link as an entry whose content is the target path.</summary>
internal static class LinkTargets
{
    /// <summary>Longer than any real link target (PATH_MAX); a "link" bigger than this is not one.</summary>
    public const int MaxBytes = 4096;

    public static string Read(Stream data, string entryName)
    {
        var buffer = new byte[MaxBytes + 1];
        // Fewer bytes than asked means the end was reached, and with it the entry's CRC check.
        var length = data.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (length > MaxBytes)
        {
            throw new InvalidDataException($"'{entryName}' is a symbolic link with a target longer than {MaxBytes} bytes");
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}

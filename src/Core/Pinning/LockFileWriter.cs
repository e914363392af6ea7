using System.Globalization;
using System.Text;

namespace Fetch.Build.Core.Pinning;

/// <summary>
/// Writes a lock file byte-stable: UTF-8 without BOM, LF, two-space indent, <c>version</c> first,
/// URLs in ordinal order, one line per artifact (a change is a one-line diff, and two branches that
/// add different artifacts merge without a conflict), a trailing newline. Written whole to a temp
/// name beside it and renamed over it, so a reader never sees half a file.
/// </summary>
internal static class LockFileWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string Format(LockFile lockFile)
    {
        var text = new StringBuilder("{\n  \"version\": ")
            .Append(LockFileDefaults.FormatVersion.ToString(CultureInfo.InvariantCulture))
            .Append(",\n  \"artifacts\": {");
        var first = true;
        foreach (var (key, entry) in lockFile.Entries)
        {
            text.Append(first ? "\n    " : ",\n    ");
            AppendString(text, key);
            text.Append(": { \"sha256\": \"").Append(entry.Sha256)
                .Append("\", \"size\": ").Append(entry.Size.ToString(CultureInfo.InvariantCulture)).Append(" }");
            first = false;
        }

        return text.Append(first ? "}\n}\n" : "\n  }\n}\n").ToString();
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="lockFile"/>, atomically; the caller holds the writers' lock.</summary>
    public static void Write(string path, LockFile lockFile)
    {
        var bytes = Utf8.GetBytes(Format(lockFile));
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        // One temp name: only the holder of the writers' lock writes it, and a build killed here
        // leaves a file the next writer overwrites rather than a new one each time.
        var temp = Path.Combine(folder, "." + Path.GetFileName(path) + ".fetch-tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                // On disk before the rename: after a power cut the file is the old one or the new one.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>A JSON string: URLs hold no quote or control character once parsed, but a file:// path may.</summary>
    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c < ' ')
            {
                text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        text.Append('"');
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The next writer overwrites it.
        }
    }
}

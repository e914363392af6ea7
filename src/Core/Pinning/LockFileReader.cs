using System.Text.Json;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Http;

namespace Fetch.Build.Core.Pinning;

/// <summary>
/// Reads a lock file strictly: anything this Fetch.Build did not write the way it writes it — bad
/// JSON (a merge conflict left in it), another <c>version</c>, a digest that is not 64 lower-case
/// hex, a negative size, a key listed twice, a property it does not know — is FB1015 with the file
/// and the line, never guessed at. A lock file is trusted to pin content; half-reading one would pin nothing.
/// </summary>
internal static class LockFileReader
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The lock file at <paramref name="path"/>, or null when there is none yet. Throws FB1015 when it is malformed.</summary>
    public static LockFile? Read(string path)
    {
        byte[] bytes;
        try
        {
            // Shared for delete: on Windows a writer's rename over this file must not fail while it is read.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses lock file bytes; <paramref name="path"/> is used in messages only.</summary>
    public static LockFile Parse(ReadOnlySpan<byte> bytes, string path)
    {
        // Editors on Windows may add a BOM; it carries no meaning, and the writer drops it.
        var json = bytes.StartsWith(Bom) ? bytes[Bom.Length..] : bytes;
        var reader = new Utf8JsonReader(json);
        try
        {
            return ReadDocument(ref reader, json, path);
        }
        catch (JsonException ex)
        {
            throw Malformed(path, (ex.LineNumber ?? 0) + 1, "it is not valid JSON: " + Reason(ex.Message));
        }
    }

    private static LockFile ReadDocument(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string path)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw Malformed(path, json, reader.TokenStartIndex, "the file must hold one JSON object, { \"version\": 1, \"artifacts\": { … } }");
        }

        var version = false;
        LockFile? artifacts = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var at = reader.TokenStartIndex;
            reader.Read();
            if (name == "version" && !version)
            {
                ReadVersion(ref reader, json, path, at);
                version = true;
            }
            else if (name == "artifacts" && artifacts is null)
            {
                artifacts = ReadArtifacts(ref reader, json, path, at);
            }
            else
            {
                throw Malformed(path, json, at, version && name == "version" || artifacts is not null && name == "artifacts"
                    ? $"\"{name}\" is given twice"
                    : $"\"{name}\" is not a property of a lock file (only \"version\" and \"artifacts\")");
            }
        }

        // Anything after the object (a second one, a conflict marker) makes the reader throw here.
        var end = reader.TokenStartIndex;
        reader.Read();
        if (!version)
        {
            throw Malformed(path, json, end, "\"version\": 1 is missing");
        }

        return artifacts ?? throw Malformed(path, json, end, "\"artifacts\" is missing");
    }

    private static void ReadVersion(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string path, long at)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var version))
        {
            throw Malformed(path, json, at, "\"version\" must be a whole number");
        }

        if (version != LockFileDefaults.FormatVersion)
        {
            throw Malformed(path, json, at,
                $"\"version\" is {version}, and this Fetch.Build reads version {LockFileDefaults.FormatVersion} only " +
                "(a newer Fetch.Build wrote it? Update Fetch.Build in this project)");
        }
    }

    private static LockFile ReadArtifacts(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string path, long at)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Malformed(path, json, at, "\"artifacts\" must be an object of URL: { \"sha256\": …, \"size\": … }");
        }

        var entries = new Dictionary<string, LockEntry>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            var keyAt = reader.TokenStartIndex;
            if (key.Length == 0)
            {
                throw Malformed(path, json, keyAt, "an entry has an empty URL");
            }

            reader.Read();
            var entry = ReadEntry(ref reader, json, path, key, keyAt);
            if (!entries.TryAdd(key, entry))
            {
                throw Malformed(path, json, keyAt, $"'{UrlMasker.Mask(key)}' is listed twice");
            }
        }

        return new LockFile(entries);
    }

    private static LockEntry ReadEntry(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string path, string key, long keyAt)
    {
        var shown = UrlMasker.Mask(key);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Malformed(path, json, keyAt, $"the entry for '{shown}' must be an object {{ \"sha256\": …, \"size\": … }}");
        }

        string? sha256 = null;
        var size = -1L;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var at = reader.TokenStartIndex;
            reader.Read();
            if (name == "sha256" && sha256 is null)
            {
                sha256 = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (sha256 is null || !IsSha256(sha256))
                {
                    throw Malformed(path, json, at, $"the sha256 of '{shown}' must be 64 lower-case hexadecimal characters");
                }
            }
            else if (name == "size" && size < 0)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out size) || size < 0)
                {
                    throw Malformed(path, json, at, $"the size of '{shown}' must be a whole number of bytes, 0 or more");
                }
            }
            else
            {
                throw Malformed(path, json, at, name is "sha256" or "size"
                    ? $"the entry for '{shown}' gives \"{name}\" twice"
                    : $"the entry for '{shown}' has \"{name}\", which is not a property of an entry (only \"sha256\" and \"size\")");
            }
        }

        if (sha256 is null || size < 0)
        {
            throw Malformed(path, json, keyAt, $"the entry for '{shown}' lacks \"{(sha256 is null ? "sha256" : "size")}\"");
        }

        return new LockEntry(sha256, size);
    }

    /// <summary>What the writer writes, and only that: any case would read, but two spellings of one digest would churn the file.</summary>
    private static bool IsSha256(string text)
    {
        if (text.Length != 64)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The 1-based line of a byte offset; counted only for a message, so the common path counts nothing.</summary>
    private static int LineAt(ReadOnlySpan<byte> json, long offset)
    {
        var line = 1;
        var end = (int)Math.Min(offset, json.Length);
        for (var i = 0; i < end; i++)
        {
            if (json[i] == (byte)'\n')
            {
                line++;
            }
        }

        return line;
    }

    /// <summary>The reader's sentence without its own position suffix: the diagnostic gives the line.</summary>
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd('.', ' ');
    }

    private static FetchException Malformed(string path, ReadOnlySpan<byte> json, long offset, string what) =>
        Malformed(path, LineAt(json, offset), what);

    private static FetchException Malformed(string path, long line, string what) =>
        new(DiagnosticCatalog.MalformedLockFile(path, line, what));
}

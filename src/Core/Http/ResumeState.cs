using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Fetch.Build.Core.Http;

/// <summary>
/// The sidecar next to a partial download (<c>partial + ".meta"</c>) that lets a later attempt, in
/// this process or another, resume it: which source it came from (a hash, never the URL, which may
/// carry a token), the validator for <c>If-Range</c>, the full length, and — while segments leave
/// holes — how much of the file is a trustworthy prefix.
/// </summary>
internal sealed record ResumeState(string Source, string Validator, long? Total, long? GoodLength)
{
    private const string Suffix = ".meta";

    public static string SourceKey(Uri source) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source.AbsoluteUri))).ToLowerInvariant();

    /// <summary>The state saved for this source, or null when there is none, it is unreadable, or it is another source's.</summary>
    public static ResumeState? Load(string partialPath, string sourceKey)
    {
        try
        {
            var state = Parse(File.ReadAllBytes(partialPath + Suffix));
            return state is not null && state.Source == sourceKey && !string.IsNullOrEmpty(state.Validator) ? state : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    public static void Delete(string partialPath) => File.Delete(partialPath + Suffix);

    /// <summary>How many leading bytes of a partial of <paramref name="fileLength"/> bytes can be resumed from.</summary>
    public long UsableLength(long fileLength)
    {
        var usable = Math.Min(GoodLength ?? fileLength, fileLength);
        return Total is { } total && usable > total ? 0 : usable;
    }

    public void Save(string partialPath)
    {
        // Write aside and rename, so a crash never leaves a half-written sidecar that parses.
        var temp = partialPath + Suffix + ".tmp";
        File.WriteAllBytes(temp, ToJson());
        File.Move(temp, partialPath + Suffix, overwrite: true);
    }

    // Written and read by hand, in the shape JsonSerializer gave it (sidecars from earlier versions
    // still resume): the reflection serializer emitted and compiled ~130 methods on the first
    // download of every build, on the way to its body (docs/benchmarks.md, P5 with 24 files).
    private byte[] ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(nameof(Source), Source);
            writer.WriteString(nameof(Validator), Validator);
            WriteNumber(writer, nameof(Total), Total);
            WriteNumber(writer, nameof(GoodLength), GoodLength);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static ResumeState? Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty(nameof(Source), out var source) || source.ValueKind != JsonValueKind.String
            || !root.TryGetProperty(nameof(Validator), out var validator) || validator.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return new ResumeState(source.GetString()!, validator.GetString()!, Number(root, nameof(Total)), Number(root, nameof(GoodLength)));
    }

    /// <summary>A number or null (or none); anything else makes the whole sidecar unusable, as the serializer's JsonException did.</summary>
    private static long? Number(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number ? value.GetInt64()
        : throw new FormatException($"{name} is not a number");
}

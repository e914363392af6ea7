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
            var state = JsonSerializer.Deserialize<ResumeState>(File.ReadAllBytes(partialPath + Suffix));
            return state is not null && state.Source == sourceKey && !string.IsNullOrEmpty(state.Validator) ? state : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
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
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(this));
        File.Move(temp, partialPath + Suffix, overwrite: true);
    }
}

namespace Fetch.Build.Core.Pinning;

/// <summary>The lock file's fixed facts (SPEC §7): its default name beside the project, and the format version this Fetch.Build reads and writes.</summary>
internal static class LockFileDefaults
{
    /// <summary>FetchLockFilePath when none is given, relative to the project folder (the targets spell it out as well).</summary>
    public const string FileName = "fetch.lock.json";

    /// <summary>The only <c>version</c> this Fetch.Build understands; a newer one is FB1015, never guessed at.</summary>
    public const int FormatVersion = 1;
}

namespace Fetch.Build.Core.Pinning;

/// <summary>What the lock file pins one URL to: the SHA-256 of its bytes (lower-case hex) and their size.</summary>
internal sealed record LockEntry(string Sha256, long Size);

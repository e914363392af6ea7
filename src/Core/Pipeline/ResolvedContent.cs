namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// Content present in the store. <see cref="TransferredBytes"/> is 0 when it was already cached.
/// <see cref="Mirror"/>: a file beside the destination holding the same bytes, written while they were hashed, or null.
/// </summary>
internal sealed record ResolvedContent(string Sha256, long Size, long TransferredBytes, string? Mirror = null);

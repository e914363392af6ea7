namespace Fetch.Build.Core.Resolution;

/// <summary>Content present in the store. <see cref="TransferredBytes"/> is 0 when it was already cached.</summary>
internal sealed record ResolvedContent(string Sha256, long Size, long TransferredBytes);

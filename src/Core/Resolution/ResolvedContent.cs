namespace Fetch.Build.Core.Resolution;

/// <summary>Content present in the store. <see cref="TransferredBytes"/> is 0 when it was already cached.</summary>
/// <summary>
/// Content present in the store. <see cref="TransferredBytes"/> is 0 when it was already cached.
/// <see cref="WebPage"/>: an unpinned artifact for which the server sent a web page instead of a
/// file (a login wall, an error portal); the cache does not keep it as the URL's content.
/// </summary>
internal sealed record ResolvedContent(string Sha256, long Size, long TransferredBytes, bool WebPage = false);

using Fetch.Build.Core.Integrity;

namespace Fetch.Build.Core.Http;

/// <summary>What every attempt at one artifact shares: where bytes go, who hashes them, who counts them.</summary>
internal sealed record TransferContext(
    RequestSender Sender,
    DownloaderOptions Options,
    DownloadSpec Spec,
    string PartialPath,
    ContentHasher Hasher,
    TransferProgress Progress)
{
    /// <summary>
    /// Set once a segment came back unusable (some servers honour open ranges only): later
    /// attempts of this download use one connection instead of failing the same way again.
    /// </summary>
    public bool SegmentsRefused { get; set; }
}

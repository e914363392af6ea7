using Fetch.Build.Core.Integrity;

namespace Fetch.Build.Core.Http;

/// <summary>What every attempt at one artifact shares: where bytes go, who hashes them, who counts them.</summary>
internal sealed record TransferContext(
    RequestSender Sender,
    DownloaderOptions Options,
    DownloadSpec Spec,
    string PartialPath,
    ContentHasher Hasher,
    TransferProgress Progress);

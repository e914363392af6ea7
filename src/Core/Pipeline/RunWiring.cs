using Fetch.Build.Core.Credentials;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Hosts;
using Fetch.Build.Core.Pinning;
using Fetch.Build.Core.Remote;
using Fetch.Build.Core.Requests;
using Fetch.Build.Core.Resolution;
using Fetch.Build.Core.Sources;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// Puts one run's pieces together, in the orders that matter: where expected digests come from
/// (the item, then the lock file, then the hosts that publish them) and where bytes come from (the
/// shared store, then the origin with its mirrors).
/// </summary>
internal static class RunWiring
{
    public static ArtifactProcessor Processor(CacheContext cache, RunNetwork network, FetchSettings settings, FetchServices services, Pins pins)
    {
        var credentials = new CredentialResolver(services.Environment, services.Hosts);
        var digests = new DigestSources(
        [
            new DeclaredDigests(),
            new LockFileDigests(pins),
            // Remote sources, asked only when downloading. The item's own ChecksumUrl first: the user
            // named it, and it may spare a host's API a request. Then the hosts recognised by URL.
            new ChecksumFileDigests(() => network.Api, credentials),
            new HuggingFaceDigests(services.Hosts, () => network.Api, credentials),
            new GitHubReleaseDigests(services.Hosts, () => network.Api, credentials),
            new ZenodoDigests(services.Hosts, () => network.Api, credentials),
        ]);
        var origin = new OriginSource(() => network.Downloader);
        // The shared store is asked before the origin and, with FetchRemoteCacheUpload, given what the origin gave.
        IContentSource[] sources = network.Store is { } store ? [new RemoteStoreSource(store), origin] : [origin];
        var upload = network.Store is not null && settings.RemoteCacheUpload ? new RemoteStoreUpload(network.Store) : null;
        var resolver = new ContentResolver(cache, digests, sources, credentials, new ContentCommitter(cache, services.Crash), settings.Offline, upload);
        return new ArtifactProcessor(cache, resolver, settings, services.Crash, pins);
    }
}

namespace Fetch.Build.Core.Http;

/// <summary>
/// The first HTTP stack in a process costs a core some 20 ms before a request can go out: Polly
/// validates its options by reflection, the client and handler set themselves up. A run that may
/// fetch starts that work on another core while it opens the cache, and the stack it builds
/// moments later finds it done (docs/benchmarks.md, P5 with 24 files). Nothing is sent; a process
/// does it once; a failure here is of no consequence, as the real stack will meet and report it.
/// </summary>
internal static class HttpWarmUp
{
    private static int _started;

    public static void Start(DownloaderOptions options)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        _ = Task.Run(() =>
        {
            try
            {
                using var stack = new HttpStack(options, handler: null, TimeProvider.System, HostRateGate.Shared);
            }
#pragma warning disable CA1031 // see the summary: nothing here may fail a build
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        });
    }
}

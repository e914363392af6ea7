using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Tool.Output;

namespace Fetch.Build.Tool.Commands;

/// <summary>What <c>hash</c> and <c>add</c> share: a URL or a file to fetch into the cache through Core, with progress on stderr.</summary>
internal static class ToolFetch
{
    /// <summary>The URL a command-line argument names: a URL as written, or an existing file as a file:// URL.</summary>
    public static string UrlFrom(string argument)
    {
        if (argument.Contains("://", StringComparison.Ordinal))
        {
            return argument;
        }

        return File.Exists(argument)
            ? new Uri(Path.GetFullPath(argument)).AbsoluteUri
            : throw new UsageException($"'{argument}' is neither a URL (https://, http:// or file://) nor an existing file.");
    }

    /// <summary>
    /// The fetched artifact (its Sha256), or null when the fetch failed or gave a web page; the
    /// reason is on stderr then. FB1005's offer of a digest is left out: the command prints it its way.
    /// </summary>
    public static async Task<FetchedArtifact?> FetchAsync(CommandContext context, string url, IReadOnlyDictionary<string, string> metadata, string? cacheDir, CancellationToken cancellationToken)
    {
        var log = new ToolLog(context.Console, static d => d.Code != DiagnosticCatalog.MissingDigestCode || DiagnosticCatalog.IsWebPage(d));
        var outcome = await log.WithProgressAsync(() => CacheOnlyFetch.RunAsync(url, metadata, cacheDir, context.Services, log, cancellationToken)).ConfigureAwait(false);
        if (log.Diagnostics.Exists(DiagnosticCatalog.IsWebPage))
        {
            ToolConsole.Fail("the server sent a web page, not a file: nothing to pin.");
            return null;
        }

        return outcome.Succeeded ? outcome.Artifacts.Single() : null;
    }
}

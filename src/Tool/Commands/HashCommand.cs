using System.CommandLine;
using Fetch.Build.Core.ProjectFiles;

namespace Fetch.Build.Tool.Commands;

/// <summary><c>dotnet fetch hash &lt;url-or-path&gt;</c>: fetch through the cache, print one DownloadArtifact line to paste.</summary>
internal static class HashCommand
{
    public static Command Create(CommandContext context)
    {
        var target = new Argument<string>("url-or-path") { Description = "An https://, http:// or file:// URL, or a local file." };
        var command = new Command("hash", "Fetch through the cache (the next build is warm) and print a ready-to-paste DownloadArtifact line.") { target };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var url = ToolFetch.UrlFrom(parsed.GetValue(target)!);
            if (await ToolFetch.FetchAsync(context, url, new Dictionary<string, string>(), context.CacheDirOption(parsed), cancellationToken).ConfigureAwait(false) is not { } fetched)
            {
                return ToolFront.CheckFailed;
            }

            Output.ToolConsole.WriteData(new ArtifactItem(url, fetched.Sha256, []).ToXml());
            return ToolFront.Success;
        });
        return command;
    }
}

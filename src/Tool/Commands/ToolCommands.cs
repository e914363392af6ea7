using System.CommandLine;
using Fetch.Build.Tool.Output;

namespace Fetch.Build.Tool.Commands;

/// <summary>The command tree of SPEC §8; each command's action is a thin call into Core and a rendering of its result.</summary>
internal static class ToolCommands
{
    public static RootCommand Build(ToolConsole console)
    {
        var cacheDir = new Option<string?>("--cache-dir")
        {
            Description = "The cache folder (else FETCH_BUILD_CACHE, else the default user cache folder).",
            Recursive = true,
        };
        var context = new CommandContext(console, cacheDir);
        var root = new RootCommand("Fetch.Build's tool: pin and add DownloadArtifact items, and keep the shared cache healthy.")
        {
            HashCommand.Create(context),
            AddCommand.Create(context),
            new Command("cache", "See inside the cache, check it, and shrink or empty it.")
            {
                CacheListCommand.Create(context),
                CacheVerifyCommand.Create(context),
                CachePruneCommand.Create(context),
                CacheCleanCommand.Create(context),
                CachePathCommand.Create(context),
            },
        };
        root.Options.Add(cacheDir);
        return root;
    }
}

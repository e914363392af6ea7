using System.CommandLine;
using Fetch.Build.Core.Maintenance;
using Spectre.Console;

namespace Fetch.Build.Tool.Commands;

/// <summary><c>dotnet fetch cache clean [--yes]</c>: empty the cache; without --yes, ask on a terminal and refuse elsewhere.</summary>
internal static class CacheCleanCommand
{
    public static Command Create(CommandContext context)
    {
        var yes = new Option<bool>("--yes") { Description = "Do not ask." };
        var command = new Command("clean", "Empty the cache (placed files in projects are not touched).") { yes };
        command.SetAction(parsed =>
        {
            var folder = context.CacheFolder(parsed);
            if (!parsed.GetValue(yes))
            {
                if (!context.Console.CanAsk)
                {
                    throw new UsageException($"cache clean empties '{folder}'; there is no terminal to ask on, so confirm with --yes.");
                }

                if (!context.Console.Messages.Confirm($"Remove everything in the cache [bold]{Markup.Escape(folder)}[/]?", defaultValue: false))
                {
                    Output.ToolConsole.Message("Nothing was removed.");
                    return ToolFront.Success;
                }
            }

            var log = new Output.ToolLog(context.Console);
            using var cache = context.OpenExistingCache(parsed, log);
            var report = cache is null ? new PruneReport([], 0, 0, 0) : CachePruner.Prune(cache, new PruneOptions { Everything = true }, DateTimeOffset.UtcNow);
            Removal.Print(context.Console, report, dryRun: false);
            return ToolFront.Success;
        });
        return command;
    }
}

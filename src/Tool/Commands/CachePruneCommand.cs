using System.CommandLine;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Maintenance;
using Fetch.Build.Tool.Output;

namespace Fetch.Build.Tool.Commands;

/// <summary>
/// <c>dotnet fetch cache prune [--max-size SIZE] [--unused-for AGE] [--dry-run]</c>: least recently used
/// content beyond SIZE, content unused for longer than AGE, and leftovers; never what a running build holds.
/// </summary>
internal static class CachePruneCommand
{
    public static Command Create(CommandContext context)
    {
        var maxSize = new Option<string?>("--max-size") { Description = "Remove least recently used content until the cache holds at most this (500MB, 20GiB)." };
        var unusedFor = new Option<string?>("--unused-for") { Description = "Remove content unused for longer than this (30d, 12h)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be removed; remove nothing." };
        var command = new Command("prune", "Remove least recently used and old content, failed and orphan entries, stale partial downloads and temporary files.")
        {
            maxSize, unusedFor, dryRun,
        };
        command.SetAction(parsed =>
        {
            var options = new PruneOptions
            {
                MaxSize = parsed.GetValue(maxSize) is { } size ? ByteSize.Parse(size) ?? throw Invalid("--max-size", ByteSize.Examples, size) : null,
                UnusedFor = parsed.GetValue(unusedFor) is { } age ? Age.Parse(age) ?? throw Invalid("--unused-for", Age.Examples, age) : null,
                DryRun = parsed.GetValue(dryRun),
            };
            var log = new ToolLog(context.Console);
            using var cache = context.OpenExistingCache(parsed, log);
            var report = cache is null ? new PruneReport([], 0, 0, 0) : CachePruner.Prune(cache, options, DateTimeOffset.UtcNow);
            Removal.Print(context.Console, report, options.DryRun);
            return ToolFront.Success;
        });
        return command;
    }

    private static FetchException Invalid(string option, string expected, string value) =>
        new(DiagnosticCatalog.InvalidMetadata(option, $"must be {expected}, got '{value}'"));
}

using Fetch.Build.Core.Maintenance;
using Fetch.Build.Tool.Output;
using Spectre.Console;

namespace Fetch.Build.Tool.Commands;

/// <summary>How prune and clean say what they removed: a row per item on stdout, then the space freed.</summary>
internal static class Removal
{
    public static void Print(ToolConsole console, PruneReport report, bool dryRun)
    {
        if (report.Removed.Count > 0)
        {
            var table = Tables.Plain("REMOVED", "SIZE", "WHAT");
            foreach (var item in report.Removed)
            {
                table.AddRow(Markup.Escape(item.Kind), Markup.Escape(ByteSize.Format(item.Size)), Markup.Escape(item.Name));
            }

            console.Data.Write(table);
        }

        ToolConsole.WriteData($"{(dryRun ? "Would remove" : "Removed")} {report.Removed.Count} item(s), {ByteSize.Format(report.Freed)} {(dryRun ? "to free" : "freed")}; " +
            $"the cache holds {ByteSize.Format(report.StoredAfter)} of content{(dryRun ? " after that" : string.Empty)}.");
        if (report.InUse > 0)
        {
            ToolConsole.Message($"{report.InUse} item(s) a running build holds or used meanwhile were kept.");
        }
    }
}

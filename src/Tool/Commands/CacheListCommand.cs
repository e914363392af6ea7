using System.CommandLine;
using Fetch.Build.Core.Maintenance;
using Fetch.Build.Tool.Output;
using Spectre.Console;

namespace Fetch.Build.Tool.Commands;

/// <summary><c>dotnet fetch cache list [--json]</c>: one row per cached content, and totals.</summary>
internal static class CacheListCommand
{
    public static Command Create(CommandContext context)
    {
        var json = new Option<bool>("--json") { Description = "An array of objects with url, sha256, size, lastUsed and status." };
        var command = new Command("list", "List what the cache holds: URL, size, SHA-256, last used, status.") { json };
        command.SetAction(parsed =>
        {
            var log = new ToolLog(context.Console);
            using var cache = context.OpenExistingCache(parsed, log);
            var items = cache is null ? [] : CacheInventory.List(cache);
            if (parsed.GetValue(json))
            {
                JsonRows.WriteInventory(items);
                return ToolFront.Success;
            }

            var table = Tables.Plain("LAST USED", "SIZE", "SHA-256", "STATUS", "URL");
            foreach (var item in items)
            {
                table.AddRow(
                    Markup.Escape(item.LastUsed.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
                    Markup.Escape(ByteSize.Format(item.Size)),
                    Markup.Escape(item.Sha256?[..12] ?? "-"),
                    Markup.Escape(item.Status),
                    Markup.Escape((item.Url ?? "(no URL known)") + (item.OtherUrls > 0 ? $" (+{item.OtherUrls} more)" : string.Empty)));
            }

            if (items.Count > 0)
            {
                context.Console.Data.Write(table);
            }

            var ready = items.Where(i => i.Status == InventoryItem.Ready).ToList();
            ToolConsole.WriteData($"{items.Count} item(s), {ready.Count} ready: {ByteSize.Format(ready.Sum(i => i.Size))} in {context.CacheFolder(parsed)}");
            return ToolFront.Success;
        });
        return command;
    }
}

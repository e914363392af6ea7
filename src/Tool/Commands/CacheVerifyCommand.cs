using System.CommandLine;
using Fetch.Build.Core.Maintenance;
using Fetch.Build.Tool.Output;
using Spectre.Console;

namespace Fetch.Build.Tool.Commands;

/// <summary><c>dotnet fetch cache verify [--json]</c>: re-hash all ready content; corrupt entries are removed and listed; exit 1 if any.</summary>
internal static class CacheVerifyCommand
{
    public static Command Create(CommandContext context)
    {
        var json = new Option<bool>("--json") { Description = "The corrupt entries as an array of objects with url, sha256, size, lastUsed and actualSha256." };
        var command = new Command("verify", "Re-hash all ready content; remove and list what is corrupt (exit 1 if anything was).") { json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var log = new ToolLog(context.Console);
            using var cache = context.OpenExistingCache(parsed, log);
            var (checkedCount, corrupt) = cache is null ? (0, []) : await CacheVerifier.VerifyAsync(cache, null, cancellationToken).ConfigureAwait(false);
            if (parsed.GetValue(json))
            {
                JsonRows.WriteCorrupt(corrupt);
            }
            else if (corrupt.Count > 0)
            {
                var table = Tables.Plain("SIZE", "SHA-256", "FOUND", "URL");
                foreach (var item in corrupt)
                {
                    table.AddRow(Markup.Escape(ByteSize.Format(item.Size)), Markup.Escape(item.Sha256[..12]),
                        Markup.Escape(item.ActualSha256 is null ? "missing" : "sha256 " + item.ActualSha256[..12]), Markup.Escape(item.Url ?? "(no URL known)"));
                }

                context.Console.Data.Write(table);
            }

            ToolConsole.Message(corrupt.Count == 0
                ? $"Checked {checkedCount} item(s): all match their SHA-256."
                : $"Checked {checkedCount} item(s): {corrupt.Count} corrupt, removed from the cache; the next build that needs them fetches them again.");
            return corrupt.Count == 0 ? ToolFront.Success : ToolFront.CheckFailed;
        });
        return command;
    }
}

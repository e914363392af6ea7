using System.CommandLine;
using Fetch.Build.Tool.Output;

namespace Fetch.Build.Tool.Commands;

/// <summary><c>dotnet fetch cache path</c>: the cache folder, as the build would pick it.</summary>
internal static class CachePathCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("path", "Print the cache folder.");
        command.SetAction(parsed =>
        {
            ToolConsole.WriteData(context.CacheFolder(parsed));
            return ToolFront.Success;
        });
        return command;
    }
}

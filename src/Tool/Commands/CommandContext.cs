using System.CommandLine;
using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Pipeline;
using Fetch.Build.Core.Settings;
using Fetch.Build.Tool.Output;

namespace Fetch.Build.Tool.Commands;

/// <summary>What every command is given: the consoles, the process's environment read once, and the shared <c>--cache-dir</c>.</summary>
internal sealed class CommandContext
{
    private readonly Option<string?> _cacheDir;

    public CommandContext(ToolConsole console, Option<string?> cacheDir)
    {
        Console = console;
        _cacheDir = cacheDir;
    }

    public ToolConsole Console { get; }

    public FetchEnvironment Environment { get; } = FetchEnvironment.FromProcess();

    public FetchServices Services => FetchServices.ForProcess(Environment);

    public string? CacheDirOption(ParseResult parsed) => parsed.GetValue(_cacheDir);

    /// <summary>The cache folder as SPEC §8 picks it; FB1006 (exit 2) when a setting in the environment is invalid.</summary>
    public string CacheFolder(ParseResult parsed)
    {
        var errors = new List<FetchDiagnostic>();
        var settings = ToolSettings.Parse(CacheDirOption(parsed), Environment, errors);
        return errors.Count > 0 ? throw new FetchException(errors[0]) : settings.CacheDirectory;
    }

    /// <summary>
    /// The open cache, or null when its folder does not exist (nothing cached; it is not created for a
    /// look). An unusable cache is FB1007, exit 1.
    /// </summary>
    public CacheContext? OpenExistingCache(ParseResult parsed, ToolLog log)
    {
        var folder = CacheFolder(parsed);
        if (!Directory.Exists(folder))
        {
            return null;
        }

        return CacheContext.Open(folder, log, TimeProvider.System) ?? throw new FetchException(log.Diagnostics[^1]);
    }
}

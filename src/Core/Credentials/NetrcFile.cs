using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Credentials;

/// <summary>
/// The user's netrc, found as curl finds it: the file <c>NETRC</c> names, else <c>~/.netrc</c>
/// (on Windows <c>%USERPROFILE%\_netrc</c>, else <c>.netrc</c> there). No file is no netrc; a file
/// that <c>NETRC</c> names and that is missing, unreadable or malformed is an error to report.
/// </summary>
internal sealed record NetrcFile(Netrc? Netrc, string? Path, string? Error)
{
    public const string Variable = "NETRC";

    public static NetrcFile None { get; } = new(null, null, null);

    public static NetrcFile Load(FetchEnvironment environment)
    {
        var named = environment.GetNonEmpty(Variable);
        var path = named ?? Find(environment);
        if (path is null)
        {
            return None;
        }

        try
        {
            if (!File.Exists(path))
            {
                return named is null ? None : new NetrcFile(null, path, $"it does not exist ({Variable} names it)");
            }

            return new NetrcFile(Netrc.Parse(File.ReadAllText(path)), path, null);
        }
        catch (FormatException ex)
        {
            return new NetrcFile(null, path, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new NetrcFile(null, path, "it cannot be read: " + ex.Message);
        }
    }

    private static string? Find(FetchEnvironment environment)
    {
        if (OperatingSystem.IsWindows())
        {
            if (environment.GetNonEmpty("USERPROFILE") is not { } profile)
            {
                return null;
            }

            var underscore = System.IO.Path.Combine(profile, "_netrc");
            return File.Exists(underscore) ? underscore : System.IO.Path.Combine(profile, ".netrc");
        }

        // The environment given, not the process's: a run given no HOME (a test) reads no netrc.
        return environment.GetNonEmpty("HOME") is { } home ? System.IO.Path.Combine(home, ".netrc") : null;
    }
}

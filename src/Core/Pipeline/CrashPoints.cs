using System.Diagnostics;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// Named moments between the steps that make a cache write durable. A test sets
/// FETCH_BUILD_TEST_KILL_AT to one of them and the process kills itself there (SIGKILL: no
/// finally block runs), proving the next build recovers. Unset, each point is one string compare.
/// </summary>
internal static class CrashPoints
{
    public const string AfterBlobCommit = "after-blob-commit";
    public const string AfterBlobRecord = "after-blob-record";
    public const string AfterPlacement = "after-placement";

    private static readonly string? Target = Environment.GetEnvironmentVariable("FETCH_BUILD_TEST_KILL_AT");

    public static void Hit(string point)
    {
        if (Target is not null && string.Equals(Target, point, StringComparison.Ordinal))
        {
            using var self = Process.GetCurrentProcess();
            self.Kill();
        }
    }
}

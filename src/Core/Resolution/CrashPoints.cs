using System.Diagnostics;
using Fetch.Build.Core.Settings;

namespace Fetch.Build.Core.Resolution;

/// <summary>
/// Named moments between the steps that make a cache write durable. A test sets
/// FETCH_BUILD_TEST_KILL_AT to one of them and the process kills itself there (SIGKILL: no
/// finally block runs), proving the next build recovers. The variable is read once, at the edge
/// (<see cref="From"/>); unset, each point is one compare.
/// </summary>
internal sealed class CrashPoints
{
    public const string Variable = "FETCH_BUILD_TEST_KILL_AT";
    public const string AfterBlobCommit = "after-blob-commit";
    public const string AfterBlobRecord = "after-blob-record";
    public const string AfterPlacement = "after-placement";

    private readonly string? _target;

    private CrashPoints(string? target)
    {
        _target = target;
    }

    public static CrashPoints None { get; } = new(null);

    public static CrashPoints From(FetchEnvironment environment) => environment.GetNonEmpty(Variable) is { } target ? new(target) : None;

    public void Hit(string point)
    {
        if (_target is not null && string.Equals(_target, point, StringComparison.Ordinal))
        {
            using var self = Process.GetCurrentProcess();
            self.Kill();
        }
    }
}

using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.Pinning;

/// <summary>Reads the lock file for a run, turning what stops it into the run's errors: FB1015 (malformed), FB1007 (unreadable).</summary>
internal static class LockFileLoad
{
    /// <summary>The lock file, empty when there is none yet (<paramref name="exists"/> false); null after reporting why it cannot be used.</summary>
    public static LockFile? Read(string path, IFetchLog log, out bool exists)
    {
        exists = false;
        try
        {
            var lockFile = LockFileReader.Read(path);
            exists = lockFile is not null;
            return lockFile ?? LockFile.Empty;
        }
        catch (FetchException ex)
        {
            exists = true;
            log.Report(ex.Diagnostic);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.Report(DiagnosticCatalog.LockFileUnusable(path, ex.Message));
        }

        return null;
    }
}

using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Digests;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pinning;

/// <summary>
/// Locked mode's check, before the up-to-date shortcut and before any request: every artifact must
/// have an entry, equal to the item's SHA-256 where it declares one. Everything that fails is
/// listed in one FB1014, so CI shows the whole list at once; nothing is fetched and nothing written.
/// </summary>
internal static class LockedModeCheck
{
    /// <summary>The lock file when it pins every artifact; null after reporting FB1014 or FB1015.</summary>
    public static LockFile? Run(IReadOnlyList<ArtifactRequest> requests, FetchSettings settings, IFetchLog log)
    {
        var path = settings.LockFile!;
        if (LockFileLoad.Read(path, log, out var exists) is not { } lockFile)
        {
            return null;
        }

        var ambiguous = LockKeys.Ambiguous(requests, path);
        var offenders = new List<string>();
        foreach (var request in requests)
        {
            var key = LockKeys.For(request, path);
            var declared = DeclaredDigests.Of(request)?.Sha256;
            string? offence = null;
            if (ambiguous.Contains(key))
            {
                offence = request.Digests.Count > 0 ? null
                    : $"{request.MaskedUrl} cannot be pinned by the lock file, where another URL of the project also reads '{key}': give it a Sha256";
            }
            else if (lockFile.Find(key) is not { } entry)
            {
                offence = $"{request.MaskedUrl} is not in it";
            }
            else if (declared is not null && declared != entry.Sha256)
            {
                offence = $"{request.MaskedUrl} has Sha256 {declared} on the item and {entry.Sha256} in the lock file";
            }

            if (offence is not null && !offenders.Contains(offence))
            {
                offenders.Add(offence);
            }
        }

        if (offenders.Count == 0)
        {
            return lockFile;
        }

        log.Report(DiagnosticCatalog.LockedModeMismatch(path, exists, offenders));
        return null;
    }
}

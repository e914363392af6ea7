namespace Fetch.Build.Core.Requests;

/// <summary>Names the extraction folder after the archive file, as SPEC §2 describes.</summary>
internal static class ArchiveNames
{
    // Longest first, so "x.tar.gz" loses ".tar.gz", not ".gz".
    private static readonly string[] Extensions =
    [
        ".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst", ".tar.zstd",
        ".tgz", ".tbz2", ".tbz", ".txz", ".tzst",
        ".tar", ".zip", ".7z", ".gz", ".bz2", ".xz", ".zst", ".zstd",
    ];

    public static string WithoutArchiveExtension(string fileName)
    {
        foreach (var extension in Extensions)
        {
            if (fileName.Length > extension.Length && fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return fileName[..^extension.Length];
            }
        }

        return fileName;
    }
}

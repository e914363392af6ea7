using System.Security.Cryptography;

namespace Fetch.Build.Core.Tests.Extraction;

/// <summary>
/// An extracted tree as lines, sorted by path: "d path", "f path size sha256-prefix[ x]" (x: owner
/// may execute), "l path -> target". The expected trees in the tests were made once by extracting
/// the fixture with bsdtar and printing the same lines, so a test compares our tree with bsdtar's.
/// </summary>
internal static class TreeSnapshot
{
    public static IReadOnlyList<string> Of(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(path => (Relative: Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'), Full: path))
            .OrderBy(entry => entry.Relative, StringComparer.Ordinal)
            .Select(entry => Line(entry.Relative, entry.Full))
            .ToList();

    private static string Line(string relative, string full)
    {
        var info = new FileInfo(full);
        if (info.LinkTarget is { } target)
        {
            return $"l {relative} -> {target}";
        }

        if (Directory.Exists(full))
        {
            return $"d {relative}";
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(full)))[..16];
        var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(full) & UnixFileMode.UserExecute) != 0;
        return $"f {relative} {info.Length} {hash}{(executable ? " x" : string.Empty)}";
    }
}

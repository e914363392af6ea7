namespace Fetch.Build.EndToEnd.Tests;

/// <summary>Copies what packing needs (sources, targets, repository build settings), without build outputs.</summary>
internal static class SourceCopy
{
    private static readonly string[] Folders = ["src", "build", "buildTransitive", "buildMultiTargeting"];
    private static readonly string[] Files = ["README.md", "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "global.json"];

    public static string Make(string repository, string target)
    {
        foreach (var folder in Folders)
        {
            CopyFolder(Path.Combine(repository, folder), Path.Combine(target, folder));
        }

        foreach (var file in Files.Where(f => File.Exists(Path.Combine(repository, f))))
        {
            File.Copy(Path.Combine(repository, file), Path.Combine(target, file));
        }

        return target;
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(source).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopyFolder(folder, Path.Combine(target, Path.GetFileName(folder)));
        }
    }
}

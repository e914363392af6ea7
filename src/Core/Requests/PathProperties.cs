namespace Fetch.Build.Core.Requests;

/// <summary>
/// Paths as MSBuild hands them over. Its own path properties end in '\' ($(BaseIntermediateOutputPath)
/// is "obj\", $(OutDir) "bin\Debug/net10.0/") on every OS, and its own tasks take '\' and '/' alike
/// (SPEC §2). Read as they are on Linux or macOS, "$(BaseIntermediateOutputPath)fetch/" names one
/// folder called "obj\fetch" — which `dotnet clean` never finds and later builds trip over.
/// </summary>
internal static class PathProperties
{
    /// <summary>The full path of <paramref name="path"/>, relative ones resolved against <paramref name="baseDirectory"/>.</summary>
    public static string FullPath(string path, string baseDirectory) =>
        Path.GetFullPath(WithSeparators(path), WithSeparators(baseDirectory));

    /// <summary>Both '\' and '/' as this OS's separator. Windows takes both already.</summary>
    public static string WithSeparators(string path) =>
        Path.DirectorySeparatorChar == '\\' ? path : path.Replace('\\', Path.DirectorySeparatorChar);
}

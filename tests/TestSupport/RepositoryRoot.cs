namespace Fetch.Build.TestSupport;

/// <summary>Finds the repository from a test's output folder.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Fetch.Build.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Fetch.Build.sln not found above " + AppContext.BaseDirectory);
    }
}

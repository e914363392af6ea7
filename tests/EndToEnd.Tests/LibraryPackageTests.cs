using System.IO.Compression;
using System.Xml.Linq;
using Fetch.Build.TestSupport;

namespace Fetch.Build.EndToEnd.Tests;

/// <summary>The library package (SPEC §11) as a program consumes it: from the feed, beside a build that uses the same cache.</summary>
public sealed class LibraryPackageTests : ConsumerBuildFixture
{
    private static readonly byte[] Content = TestData.Bytes(80_000, seed: 21);

    [Test]
    public void Packages_LibraryCarriesItsDocsAndDependencies_AndTheTaskPackageDoesNotDependOnIt()
    {
        using var library = ZipFile.OpenRead(Path.Combine(PackageFeed.FeedFolder, $"Fetch.Build.Core.{PackageFeed.Version}.nupkg"));
        var names = library.Entries.Select(e => e.FullName).ToList();
        Assert.That(names, Does.Contain("lib/net8.0/Fetch.Build.Core.dll").And.Contain("lib/net8.0/Fetch.Build.Core.xml"));
        Assert.That(Dependencies(library), Is.EquivalentTo(new[] { "Microsoft.Data.Sqlite", "Polly.Core", "SharpCompress" }));

        using var task = ZipFile.OpenRead(Path.Combine(PackageFeed.FeedFolder, $"Fetch.Build.{PackageFeed.Version}.nupkg"));
        Assert.That(Dependencies(task), Is.Empty);
    }

    [Test]
    public async Task Program_OnThePackedLibrary_GetsWhatTheBuildFetchedWithNoRequest()
    {
        Server.Serve("files/model.bin", Content);
        var url = Server.Url("files/model.bin").ToString();
        var sha256 = TestData.Sha256(Content);
        using var project = new ConsumerProject(Cache.Path) { InheritPackageSources = true };
        project.Properties["OutputType"] = "Exe";
        project.Items.Add(ConsumerProject.Artifact(url, ("Sha256", sha256)));
        project.Items.Add($"<PackageReference Include=\"Fetch.Build.Core\" Version=\"{PackageFeed.Version}\" />");
        File.WriteAllText(Path.Combine(project.Folder, "Program.cs"), """
            using System;
            using System.IO;
            using Fetch.Build.Core.Client;

            var options = new FetchClientOptions { CacheDirectory = args[2] };
            var fetched = await new FetchClient(options).FetchAsync(new FetchRequest(new Uri(args[0])) { Sha256 = args[1] });
            Console.WriteLine($"FromCache={fetched.FromCache} Size={fetched.Size} Bytes={File.ReadAllBytes(fetched.CachedPath).Length}");
            """);

        var build = await project.BuildAsync();
        Assert.That(build.Succeeded, Is.True, build.Output);
        Assert.That(Server.RequestCount("files/model.bin"), Is.EqualTo(1));

        var program = Directory.GetFiles(Path.Combine(project.Folder, "bin"), "Consumer.dll", SearchOption.AllDirectories).Single();
        var run = await Dotnet.RunAsync(project.Folder, [program, url, sha256, Cache.Path], project.Environment);

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Output, Does.Contain($"FromCache=True Size={Content.Length} Bytes={Content.Length}"));
        Assert.That(Server.RequestCount("files/model.bin"), Is.EqualTo(1));
    }

    private static List<string> Dependencies(ZipArchive package)
    {
        using var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string)e.Attribute("id")!).Distinct().ToList();
    }
}

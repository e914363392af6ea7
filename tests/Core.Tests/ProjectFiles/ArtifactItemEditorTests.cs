using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.ProjectFiles;

namespace Fetch.Build.Core.Tests.ProjectFiles;

public sealed class ArtifactItemEditorTests
{
    private const string Sha = "4f1c000000000000000000000000000000000000000000000000000000000e9a";
    private const string OtherSha = "0000000000000000000000000000000000000000000000000000000000000001";
    private static readonly ArtifactItem Item = new("https://example.org/data.csv?v=2", Sha, []);

    [Test]
    public void Apply_ItemGroupWithDownloadArtifacts_AddsAfterTheLastOneKeepingEverythingElse()
    {
        const string text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<Project Sdk=\"Microsoft.NET.Sdk\">\r\n  <!-- models -->\r\n  <ItemGroup>\r\n" +
            "    <DownloadArtifact Include=\"https://example.org/model.bin\"\r\n                      Md5='abc' />\r\n  </ItemGroup>\r\n</Project>\r\n";

        var edited = ArtifactItemEditor.Apply(text, "App.csproj", Item, out var change);

        Assert.That(change, Is.EqualTo(ItemChange.Added));
        Assert.That(edited, Is.EqualTo(text.Replace(
            "Md5='abc' />\r\n",
            $"Md5='abc' />\r\n    <DownloadArtifact Include=\"https://example.org/data.csv%3Fv=2\" Sha256=\"{Sha}\" />\r\n", StringComparison.Ordinal)));
    }

    [Test]
    public void Apply_NoDownloadArtifactYet_AddsAnItemGroupBeforeTheEndIndentedAsTheProject()
    {
        const string text = "<Project Sdk=\"Microsoft.NET.Sdk\">\n\t<PropertyGroup>\n\t\t<TargetFramework>net8.0</TargetFramework>\n\t</PropertyGroup>\n</Project>";
        var item = Item with { Metadata = [new("Extract", "true"), new("DestinationFolder", "data & more")] };

        var edited = ArtifactItemEditor.Apply(text, "App.csproj", item, out _);

        Assert.That(edited, Is.EqualTo("<Project Sdk=\"Microsoft.NET.Sdk\">\n\t<PropertyGroup>\n\t\t<TargetFramework>net8.0</TargetFramework>\n\t</PropertyGroup>\n" +
            $"\n\t<ItemGroup>\n\t\t<DownloadArtifact Include=\"https://example.org/data.csv%3Fv=2\" Sha256=\"{Sha}\" Extract=\"true\" DestinationFolder=\"data &amp; more\" />\n\t</ItemGroup>\n</Project>"));
    }

    [Test]
    public void Apply_TemplateWithABlankLineBeforeTheEnd_KeepsItAfterTheNewItemGroup()
    {
        const string text = "<Project Sdk=\"Microsoft.NET.Sdk\">\n\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n  </PropertyGroup>\n\n</Project>\n";

        var edited = ArtifactItemEditor.Apply(text, "App.csproj", Item, out _);

        Assert.That(edited, Is.EqualTo("<Project Sdk=\"Microsoft.NET.Sdk\">\n\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n  </PropertyGroup>\n\n" +
            $"  <ItemGroup>\n    <DownloadArtifact Include=\"https://example.org/data.csv%3Fv=2\" Sha256=\"{Sha}\" />\n  </ItemGroup>\n\n</Project>\n"));
    }

    [Test]
    public void Apply_Twice_ChangesNothingTheSecondTime()
    {
        var once = ArtifactItemEditor.Apply("<Project>\n  <!-- keep me -->\n</Project>\n", "x.targets", Item, out _);

        var twice = ArtifactItemEditor.Apply(once, "x.targets", Item, out var change);

        Assert.That((change, twice), Is.EqualTo((ItemChange.Unchanged, once)));
        Assert.That(once, Does.Contain("<!-- keep me -->"));
    }

    [TestCase("<DownloadArtifact Include=\"https://example.org/data.csv%3Fv=2\" Sha256='" + OtherSha + "' Extract=\"true\" />", "<DownloadArtifact Include=\"https://example.org/data.csv%3Fv=2\" Sha256='" + Sha + "' Extract=\"true\" />")]
    [TestCase("<DownloadArtifact Include=\"https://example.org/data.csv%3Fv=2\"><Sha256>" + OtherSha + "</Sha256></DownloadArtifact>", "<DownloadArtifact Include=\"https://example.org/data.csv%3Fv=2\"><Sha256>" + Sha + "</Sha256></DownloadArtifact>")]
    [TestCase("<DownloadArtifact Include=\"https://example.org/data.csv%3Fv=2\"\n      Extract=\"true\" />", "<DownloadArtifact Include=\"https://example.org/data.csv%3Fv=2\" Sha256=\"" + Sha + "\"\n      Extract=\"true\" />")]
    public void Apply_ItemWithTheSameUrl_UpdatesItsDigestInPlace(string before, string after)
    {
        var text = $"<Project>\n  <ItemGroup>\n    {before}\n  </ItemGroup>\n</Project>\n";

        var edited = ArtifactItemEditor.Apply(text, "Directory.Build.props", Item, out var change);

        Assert.That((change, edited), Is.EqualTo((ItemChange.Updated, text.Replace(before, after, StringComparison.Ordinal))));
    }

    [TestCase("not xml at all", "not well-formed XML")]
    [TestCase("<Project><ItemGroup></Project>", "not well-formed XML")]
    [TestCase("<packages><package id=\"x\" /></packages>", "root element is <packages>")]
    [TestCase("<Project xmlns=\"urn:other\" />", "root element is <Project>")]
    public void Apply_NotMSBuildXml_IsFB1006(string text, string why)
    {
        var error = Assert.Throws<FetchException>(() => ArtifactItemEditor.Apply(text, "packages.config", Item, out _));

        Assert.That(error!.Diagnostic.Code, Is.EqualTo("FB1006"));
        Assert.That(error.Diagnostic.Message, Does.Contain("'packages.config' is not an MSBuild project file").And.Contain(why));
    }
}

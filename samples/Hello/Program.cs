// Reads what Fetch.Build placed next to the app: a CSV file and an extracted model folder.
var root = AppContext.BaseDirectory;
Console.WriteLine("labels.csv:");
Console.WriteLine(File.ReadAllText(Path.Combine(root, "data", "labels.csv")));
Console.WriteLine("models/resnet:");
foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "models", "resnet"), "*", SearchOption.AllDirectories).Order())
{
    Console.WriteLine("  " + Path.GetRelativePath(root, file));
}

using Microsoft.Extensions.FileProviders;

// Usage: LatencyServer <folder> <port> <delay-ms>
var folder = Path.GetFullPath(args[0]);
var port = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var delay = TimeSpan.FromMilliseconds(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
var app = builder.Build();
// The delay stands for a far-away server: every request waits before its first byte.
app.Use(async (context, next) =>
{
    await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
    await next(context).ConfigureAwait(false);
});
app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder), ServeUnknownFileTypes = true });
await app.RunAsync().ConfigureAwait(false);

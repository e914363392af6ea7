using Fetch.Build.Tool;

return await ToolFront.RunAsync(args).ConfigureAwait(false);

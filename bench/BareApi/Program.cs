// The baseline of bench/load.sh: a bare ASP.NET Core minimal API, one route answering {} to any method and path,
// listening where --urls says and printing the same "listening" line as the emulator.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapMethods("/{**path}", ["GET", "PUT", "POST", "DELETE"], () => Results.Json(new { }));
app.Start();
Console.WriteLine($"BareApi listening on {string.Join(' ', app.Urls)}");
app.WaitForShutdown();

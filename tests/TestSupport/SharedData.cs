namespace Engine.TestSupport;

/// <summary>
/// Locates test inputs: the repo root (the folder holding Engine.sln) and ../shared beside it. A missing shared
/// folder fails the test with a clear message; it never turns into a silent pass.
/// </summary>
public static class SharedData
{
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Engine.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException($"Engine.sln not found above {AppContext.BaseDirectory}");
        }
    }

    public static string Shared(params string[] parts)
    {
        string path = Path.GetFullPath(Path.Combine([RepoRoot, "..", "shared", .. parts]));
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new FileNotFoundException($"test data {path} is missing: the shared folder must sit beside the repository", path);
        return path;
    }

    public static string Repo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);
}

Console.WriteLine("AppHost");

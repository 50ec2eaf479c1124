package jp.tobira.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.tobira.TobiraIntegrationTest;

/**
 * The auto-deployment looks for the models in {@code bpmn/} alone (application.yml,
 * {@code camunda.bpm.deployment-resource-pattern}); every model shipped there is
 * deployed, so narrowing the search left none out.
 */
@TobiraIntegrationTest
class ShippedModelsDeploymentIntegrationTests {

	@Autowired
	RepositoryService repository;

	@Test
	void deploysEveryModelOfTheBpmnFolder() throws IOException {
		Deployment auto = repository.createDeploymentQuery()
			.deploymentName("SpringAutoDeployment")
			.list()
			.stream()
			.max(Comparator.comparing(Deployment::getDeploymentTime))
			.orElseThrow();
		// the engine names a resource by its file's absolute path when the classpath is
		// a folder, by its file name when it is a jar
		List<String> deployed = repository.getDeploymentResourceNames(auto.getId())
			.stream()
			.map(name -> Path.of(name).getFileName().toString())
			.toList();

		assertThat(deployed).containsExactlyInAnyOrderElementsOf(shipped());
	}

	private static List<String> shipped() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
			List<String> models = files.map(file -> file.getFileName().toString())
				.filter(name -> name.endsWith(".bpmn") || name.endsWith(".dmn"))
				.toList();
			assertThat(models).as("models in bpmn/").isNotEmpty();
			return models;
		}
	}

}

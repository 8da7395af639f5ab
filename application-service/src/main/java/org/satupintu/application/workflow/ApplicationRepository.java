package org.satupintu.application.workflow;

import org.springframework.data.mongodb.repository.MongoRepository;

interface ApplicationRepository extends MongoRepository<PermitApplication, String> {
}

package org.satupintu.application.review;

import org.springframework.data.mongodb.repository.MongoRepository;

interface ApplicationRepository extends MongoRepository<PermitApplication, String> {
}
